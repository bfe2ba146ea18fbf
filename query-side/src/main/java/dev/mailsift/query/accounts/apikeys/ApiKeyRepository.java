package dev.mailsift.query.accounts.apikeys;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface ApiKeyRepository extends JpaRepository<ApiKeyEntity, String> {

    Optional<ApiKeyEntity> findBySecretHash(String secretHash);

    List<ApiKeyEntity> findByUserIdOrderByCreatedAtDescIdAsc(String userId);
}
