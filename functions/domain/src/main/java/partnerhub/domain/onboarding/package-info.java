/** The import pipeline's progress reports, applied in order whatever order they arrive in. */
package partnerhub.domain.onboarding;
