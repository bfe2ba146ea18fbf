package dev.mailsift.query.jobs;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface JobRepository extends JpaRepository<JobEntity, String> {

    Optional<JobEntity> findByIdAndUserId(String id, String userId);

    Page<JobEntity> findByUserIdOrderByCreatedAtDescIdDesc(String userId, Pageable pageable);
}
