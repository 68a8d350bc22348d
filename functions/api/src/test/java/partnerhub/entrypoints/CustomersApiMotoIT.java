package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

/** The contract against moto's server, which the suite starts itself. */
class CustomersApiMotoIT extends CustomersApiContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
