package dev.mailsift.query.credentials;

import org.springframework.data.jpa.repository.JpaRepository;

interface CredentialsRepository extends JpaRepository<CredentialsEntity, String> {
}
