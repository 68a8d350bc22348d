/**
 * Finding a partner's customers: the filters and sorts of a listing (contract section 10), what each matches, and
 * the keys that order them, which the store keeps beside each customer so that every listing is a query.
 */
package partnerhub.domain.listing;
