package partnerhub.domain.customer;

/** The import pipeline's states, in the order an import goes through them: within one second, a later one wins. */
public enum ImportState { STARTED, RUNNING, FAILED, COMPLETED }
