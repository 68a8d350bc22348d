package partnerhub.entrypoints;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import partnerhub.emulator.Emulator;
import partnerhub.testing.LocalStackEmulator;

@Testcontainers(disabledWithoutDocker = true)
class ExportLocalStackIT extends ExportContract {

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackEmulator.container();

    @Override
    Emulator emulator() {
        return LocalStackEmulator.on(LOCALSTACK);
    }
}
