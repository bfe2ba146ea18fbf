package dev.mailsift.query.accounts.credentials;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface CredentialsRepository extends JpaRepository<CredentialsEntity, String> {

    Optional<CredentialsEntity> findByUserId(String userId);
}
