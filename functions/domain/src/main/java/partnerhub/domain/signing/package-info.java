/** Signatures: the keys, activation links and page tokens signed with them. */
package partnerhub.domain.signing;
