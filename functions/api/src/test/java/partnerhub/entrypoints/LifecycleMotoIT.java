package partnerhub.entrypoints;

import partnerhub.testing.Emulator;
import partnerhub.testing.MotoEmulator;

class LifecycleMotoIT extends LifecycleContract {

    @Override
    Emulator emulator() {
        return MotoEmulator.shared();
    }
}
