package dev.mailsift.query.accounts.apikeys;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface ApiKeyRepository extends JpaRepository<ApiKeyEntity, String> {

    Optional<ApiKeyEntity> findBySecretHash(String secretHash);

    List<ApiKeyEntity> findByUserIdOrderByCreatedAtDescIdAsc(String userId);

    /** Records a use, at most once per {@code notBefore} window, so busy keys do not write on every request. */
    @Transactional
    @Modifying
    @Query("UPDATE ApiKeyEntity k SET k.lastUsedAt = :at WHERE k.id = :id "
            + "AND (k.lastUsedAt IS NULL OR k.lastUsedAt < :notBefore)")
    int touch(@Param("id") String id, @Param("at") Instant at, @Param("notBefore") Instant notBefore);
}
