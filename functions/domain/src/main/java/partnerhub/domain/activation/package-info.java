/** Activation links: the current one to copy, a new one, and the customer opening one. */
package partnerhub.domain.activation;
