/**
 * The one write path: a change decided on the customer as read, written in one conditional transaction with its
 * event-log lines and its outbox; and the store it goes through.
 */
package partnerhub.domain.change;
