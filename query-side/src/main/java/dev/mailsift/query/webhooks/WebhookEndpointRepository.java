package dev.mailsift.query.webhooks;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface WebhookEndpointRepository extends JpaRepository<WebhookEndpointEntity, String> {

    List<WebhookEndpointEntity> findByUserIdOrderByCreatedAtAscIdAsc(String userId);

    Optional<WebhookEndpointEntity> findByIdAndUserId(String id, String userId);
}
