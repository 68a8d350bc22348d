package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class ReindexMotoIT extends ReindexContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
