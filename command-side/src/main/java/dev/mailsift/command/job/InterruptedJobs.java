package dev.mailsift.command.job;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.mailsift.command.jobs.InProcessChunkDispatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * When a node starts, every job whose pipeline is still running is told that work may have been interrupted, so
 * that it resumes at once instead of after a stall period: a list being read or results being written in memory
 * are asked for again, and on the embedded default (where the chunk queue lived in the process) the outstanding
 * chunks are dispatched again. Which chunks are outstanding is the saga's state, built from the event store.
 *
 * <p>The running pipelines are the pipeline sagas' {@code jobId} associations in Axon's saga store; each gets a
 * deadline of its own, delivered through the same persistent deadline manager as the stall checks, so it fires on
 * whichever node runs the sagas and survives another restart.
 */
@Component
@ConditionalOnProperty(name = "mailsift.role.projections", havingValue = "true", matchIfMissing = true)
public class InterruptedJobs implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(InterruptedJobs.class);
    private static final String RUNNING_PIPELINES = """
            SELECT sagaid, associationvalue FROM associationvalueentry
            WHERE sagatype = ? AND associationkey = 'jobId'""";

    private final JdbcTemplate jdbc;
    private final DeadlineManager deadlines;
    private final boolean chunkQueueInProcess;

    /**
     * Only on a node that runs the sagas ({@code MAILSIFT_ROLES} with {@code projections}).
     *
     * @param inProcessQueue present when the chunk queue lives in this process, so that it starts empty
     */
    InterruptedJobs(JdbcTemplate jdbc, DeadlineManager deadlines,
                    ObjectProvider<InProcessChunkDispatcher> inProcessQueue) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.chunkQueueInProcess = inProcessQueue.getIfAvailable() != null;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        resumeAll();
    }

    /** @return how many running jobs were told */
    public int resumeAll() {
        List<RunningPipeline> running = jdbc.query(RUNNING_PIPELINES,
                (row, n) -> new RunningPipeline(row.getString(1), row.getString(2)),
                JobPipelineSaga.class.getName());
        for (RunningPipeline pipeline : running) {
            deadlines.schedule(Duration.ZERO, JobPipelineSaga.RESUME_DEADLINE,
                    new WorkInterrupted(pipeline.jobId(), chunkQueueInProcess),
                    new SagaScopeDescriptor(JobPipelineSaga.class.getSimpleName(), pipeline.sagaId()));
        }
        if (!running.isEmpty()) {
            log.info("{} jobs were running when this node started; resuming them now", running.size());
        }
        return running.size();
    }

    private record RunningPipeline(String sagaId, String jobId) {
    }
}
