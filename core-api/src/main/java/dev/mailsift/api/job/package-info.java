/**
 * Messages of a batch job, from upload to results: the BatchJob aggregate (the job's lifecycle) and the
 * ValidationChunk aggregate (a slice of the job's addresses and their verdicts).
 */
package dev.mailsift.api.job;
