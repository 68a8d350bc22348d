/** The scheduled sweep: notices, upgrades and expiries for the customers due, and only those. */
package partnerhub.domain.sweep;
