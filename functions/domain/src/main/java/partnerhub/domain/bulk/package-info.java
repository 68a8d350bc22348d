/**
 * One action on many customers (contract section 10): each customer changed on its own, by the single action's
 * rules, under one Idempotency-Key whose record keeps the answer, so a retry returns it and changes nothing again.
 */
package partnerhub.domain.bulk;
