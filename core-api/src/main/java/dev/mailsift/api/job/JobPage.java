package dev.mailsift.api.job;

import java.util.List;

/** One page of jobs and the total count. */
public record JobPage(List<JobView> items, int page, int size, long total) {
}
