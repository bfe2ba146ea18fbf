package dev.mailsift.query.accounts.access;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserStatusRepository extends JpaRepository<UserStatusEntity, String> {

    Page<UserStatusEntity> findByEmailContaining(String email, Pageable pageable);
}
