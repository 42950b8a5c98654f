/**
 * The resource model and the API to read, write and watch it.
 *
 * <p>Start with {@link io.k4s.api.resource.Resource} and the kinds k4s ships:
 * {@link io.k4s.api.resource.Container}, {@link io.k4s.api.resource.ReplicaSet} and
 * {@link io.k4s.api.resource.Service}; then the workloads built on them,
 * {@link io.k4s.api.resource.Deployment} (with {@link io.k4s.api.resource.RolloutHistory} for
 * undo), {@link io.k4s.api.resource.Job}, {@link io.k4s.api.resource.CronJob} and
 * {@link io.k4s.api.resource.HorizontalAutoscaler}. Each kind is described once by a
 * {@link io.k4s.api.resource.ResourceKind} (the built-in ones in
 * {@link io.k4s.api.resource.Kinds}, their schemas in {@link io.k4s.api.resource.MetadataSchemas},
 * {@link io.k4s.api.resource.ContainerSchemas}, {@link io.k4s.api.resource.WorkloadSchemas} and
 * {@link io.k4s.api.resource.AutoscalerSchemas}); a jar adds kinds through a
 * {@link io.k4s.api.resource.KindProvider}. {@link io.k4s.api.resource.ResourceClient} is the
 * API server: versioned writes with optimistic concurrency, and watches.
 */
package io.k4s.api.resource;
