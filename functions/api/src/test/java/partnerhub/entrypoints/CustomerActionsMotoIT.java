package partnerhub.entrypoints;

import partnerhub.testing.Emulator;
import partnerhub.testing.MotoEmulator;

class CustomerActionsMotoIT extends CustomerActionsContract {

    @Override
    Emulator emulator() {
        return MotoEmulator.shared();
    }
}
