/**
 * The effects of a change: domain events and emails, how they are composed, and the outbox that delivers them at
 * least once.
 */
package partnerhub.domain.delivery;
