package dev.mailsift.query.accounts.access;

import org.springframework.data.jpa.repository.JpaRepository;

interface TotpRepository extends JpaRepository<TotpEntity, String> {
}
