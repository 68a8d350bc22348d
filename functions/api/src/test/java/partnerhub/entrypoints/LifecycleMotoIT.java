package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class LifecycleMotoIT extends LifecycleContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
