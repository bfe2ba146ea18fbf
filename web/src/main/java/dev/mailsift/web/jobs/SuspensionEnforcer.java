package dev.mailsift.web.jobs;

import dev.mailsift.api.job.CancelJob;
import dev.mailsift.api.job.FindJobs;
import dev.mailsift.api.job.JobPage;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.user.UserSuspended;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The kill switch's second half: when an account is suspended, its unfinished jobs are cancelled (verdicts so far
 * are settled, the rest of the reservation released), so nothing of a suspended user keeps running. New work is
 * already refused: requests answer 403 and {@code ReserveCredits} is rejected. Runs on its own streaming
 * processor, after the suspension is committed; the cancellations carry the suspending operator as actor.
 */
@Component
@ProcessingGroup(SuspensionEnforcer.PROCESSING_GROUP)
class SuspensionEnforcer {

    static final String PROCESSING_GROUP = "suspensions";
    private static final Logger log = LoggerFactory.getLogger(SuspensionEnforcer.class);
    private static final int PAGE = 100;

    private final QueryGateway queries;
    private final CommandGateway commands;

    SuspensionEnforcer(QueryGateway queries, CommandGateway commands) {
        this.queries = queries;
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(UserSuspended event) {
        for (JobView job : unfinishedJobs(event.userId())) {
            try {
                commands.sendAndWait(new CancelJob(job.id(), event.userId()));
            } catch (RuntimeException e) {
                log.warn("Could not cancel job {} of suspended user {}: {}", job.id(), event.userId(), e.getMessage());
            }
        }
    }

    private List<JobView> unfinishedJobs(String userId) {
        List<JobView> unfinished = new ArrayList<>();
        for (int page = 0; ; page++) {
            JobPage found = queries.query(new FindJobs(userId, page, PAGE), JobPage.class).join();
            found.items().stream().filter(job -> !job.status().finished()).forEach(unfinished::add);
            if (found.items().size() < PAGE) {
                return unfinished;
            }
        }
    }
}
