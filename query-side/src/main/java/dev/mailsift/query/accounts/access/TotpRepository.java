package dev.mailsift.query.accounts.access;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface TotpRepository extends JpaRepository<TotpEntity, String> {

    /** Claims a 30-second step; 0 rows when that step (or a later one) was already used. */
    @Transactional
    @Modifying
    @Query("UPDATE TotpEntity t SET t.lastStep = :step WHERE t.userId = :userId "
            + "AND (t.lastStep IS NULL OR t.lastStep < :step)")
    int claimStep(@Param("userId") String userId, @Param("step") long step);
}
