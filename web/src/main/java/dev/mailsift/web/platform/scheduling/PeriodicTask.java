package dev.mailsift.web.platform.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work repeated on a daemon thread of its own, with a fixed delay between runs, from {@link #start} to
 * {@link #stop}; a run may also be asked for at once ({@link #runSoon}) or after a delay ({@link #runAfter}). A run
 * that throws is logged and the next one goes on: the loops that use this (sealing, inboxes, sweeps, polls) pick up
 * where they left off.
 */
public final class PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Runnable work;
    private volatile ScheduledExecutorService executor;

    /** @param name the thread's name, also used in the log */
    public PeriodicTask(String name, Runnable work) {
        this.name = name;
        this.work = work;
    }

    /** First run one {@code every} from now, then {@code every} after the end of each run. */
    public synchronized void start(Duration every) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        executor.scheduleWithFixedDelay(this::runLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A run as soon as the thread is free, besides the scheduled ones; nothing when stopped. */
    public void runSoon() {
        runAfter(Duration.ZERO);
    }

    /**
     * A run {@code delay} from now (or when the thread is next free), besides the scheduled ones.
     *
     * @return whether it was scheduled: not when stopped or not yet started
     */
    public boolean runAfter(Duration delay) {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return false;
        }
        try {
            running.schedule(this::runLogged, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false; // stopped meanwhile: nothing to run
        }
    }

    /** Interrupts a run in progress and waits up to {@code grace} for it to end. */
    public synchronized void stop(Duration grace) {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            running.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean running() {
        return executor != null;
    }

    private void runLogged() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed; it runs again at its next turn: {}", name, e.toString());
        }
    }
}
