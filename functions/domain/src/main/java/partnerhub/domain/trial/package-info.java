/** The trial's rules in time (notices, its end, extensions) and the partner's actions on a trial. */
package partnerhub.domain.trial;
