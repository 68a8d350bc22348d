package partnerhub.entrypoints;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import partnerhub.emulator.Emulator;
import partnerhub.testing.LocalStackEmulator;

/** The same contract against LocalStack; skipped (and reported so) where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class CustomersApiLocalStackIT extends CustomersApiContract {

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackEmulator.container();

    @Override
    Emulator emulator() {
        return LocalStackEmulator.on(LOCALSTACK);
    }
}
