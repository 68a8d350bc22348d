/**
 * The domain events, one record per type under {@link partnerhub.domain.event.CustomerEvent}: each owns its fields
 * and the order they are published in, held to its JSON Schema in {@code infrastructure/events/}.
 */
package partnerhub.domain.event;
