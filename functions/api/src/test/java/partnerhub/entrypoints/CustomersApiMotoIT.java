package partnerhub.entrypoints;

import partnerhub.testing.Emulator;
import partnerhub.testing.MotoEmulator;

/** The contract against moto's server, which the suite starts itself. */
class CustomersApiMotoIT extends CustomersApiContract {

    @Override
    Emulator emulator() {
        return MotoEmulator.shared();
    }
}
