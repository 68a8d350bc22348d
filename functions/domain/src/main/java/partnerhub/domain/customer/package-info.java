/** The customer: the aggregate a partner's tenant is, and the values it is made of. */
package partnerhub.domain.customer;
