package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class CustomerActionsMotoIT extends CustomerActionsContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
