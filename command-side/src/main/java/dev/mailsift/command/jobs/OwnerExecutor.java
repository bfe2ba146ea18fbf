package dev.mailsift.command.jobs;

/** Runs work on behalf of an owner (a user), so that an implementation can share its threads fairly between owners. */
@FunctionalInterface
public interface OwnerExecutor {

    /** @throws java.util.concurrent.RejectedExecutionException when the work cannot be taken (shutting down) */
    void execute(String owner, Runnable task);
}
