/**
 * Fleet triage as a library: {@link org.faultline.triage.batch.DumpAnalysis} (the one per-dump code path that
 * {@code faultline analyze} uses too), {@link org.faultline.triage.batch.FleetTriage} (plain functions from a name
 * and bytes to {@link org.faultline.triage.batch.DumpRow}s, and the local parallel batch over files, folders and
 * archives), {@link org.faultline.triage.batch.Clusters} (mergeable per-bucket aggregates) and the
 * {@link org.faultline.triage.batch.Limits} that hold hostile archives. No CLI, no UI; docs/scaling.md shows
 * the same functions in a distributed job.
 */
package org.faultline.triage.batch;
