package dev.mailsift.query.accounts.apikeys;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

interface ApiKeyUseRepository extends JpaRepository<ApiKeyUseEntity, String> {

    /** Records a use, at most once per {@code notBefore} window, so busy keys do not write on every request. */
    @Transactional
    @Modifying
    @Query("UPDATE ApiKeyUseEntity u SET u.lastUsedAt = :at WHERE u.keyId = :id AND u.lastUsedAt < :notBefore")
    int touch(@Param("id") String id, @Param("at") Instant at, @Param("notBefore") Instant notBefore);
}
