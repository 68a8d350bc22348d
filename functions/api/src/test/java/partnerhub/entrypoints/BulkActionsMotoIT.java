package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class BulkActionsMotoIT extends BulkActionsContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
