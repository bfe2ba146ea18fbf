package dev.mailsift.query.accounts.access;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface TotpStepRepository extends JpaRepository<TotpStepEntity, String> {

    /** Moves the user's last step on to {@code step}; 0 rows when that step (or a later one) was already used. */
    @Transactional
    @Modifying
    @Query("UPDATE TotpStepEntity t SET t.lastStep = :step WHERE t.userId = :userId AND t.lastStep < :step")
    int advance(@Param("userId") String userId, @Param("step") long step);
}
