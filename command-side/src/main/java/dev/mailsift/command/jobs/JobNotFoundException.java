package dev.mailsift.command.jobs;

/** A job that does not exist or belongs to someone else (the two answer alike: 404). */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(String jobId) {
        super("No job " + jobId);
    }
}
