/** A partner's customers: add, edit, read and list them, under the rules their fields keep. */
package partnerhub.domain.registry;
