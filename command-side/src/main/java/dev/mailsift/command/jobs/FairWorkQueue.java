package dev.mailsift.command.jobs;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A fixed number of threads shared fairly between owners: each owner has at most one task running, and owners with
 * work waiting are served in turn, the longest-waiting first. One user uploading ten large lists therefore holds
 * one thread, and the next user's list starts as soon as any thread is free.
 */
final class FairWorkQueue implements OwnerExecutor, AutoCloseable {

    private final ExecutorService threads;
    /** Owners with work waiting, in the order they get their next turn. */
    private final Map<String, ArrayDeque<Runnable>> waiting = new LinkedHashMap<>();
    private final Set<String> running = new HashSet<>();
    private int idleThreads;
    private boolean closed;

    public FairWorkQueue(int threadCount, String threadNamePrefix) {
        this.threads = Executors.newFixedThreadPool(threadCount,
                Thread.ofPlatform().name(threadNamePrefix, 0).factory());
        this.idleThreads = threadCount;
    }

    @Override
    public synchronized void execute(String owner, Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the work queue is closed");
        }
        waiting.computeIfAbsent(owner, o -> new ArrayDeque<>()).add(task);
        startWhatCanRun();
    }

    /** Work waiting or running is dropped; running tasks are interrupted. */
    @Override
    public synchronized void close() {
        closed = true;
        waiting.clear();
        threads.shutdownNow();
    }

    private void startWhatCanRun() {
        while (idleThreads > 0 && !closed) {
            String owner = nextOwnerNotRunning();
            if (owner == null) {
                return;
            }
            ArrayDeque<Runnable> queue = waiting.remove(owner);
            Runnable task = queue.poll();
            if (!queue.isEmpty()) {
                waiting.put(owner, queue); // to the back of the line
            }
            running.add(owner);
            idleThreads--;
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    finished(owner);
                }
            });
        }
    }

    private String nextOwnerNotRunning() {
        for (Iterator<String> owners = waiting.keySet().iterator(); owners.hasNext(); ) {
            String owner = owners.next();
            if (!running.contains(owner)) {
                return owner;
            }
        }
        return null;
    }

    private synchronized void finished(String owner) {
        running.remove(owner);
        idleThreads++;
        startWhatCanRun();
    }
}
