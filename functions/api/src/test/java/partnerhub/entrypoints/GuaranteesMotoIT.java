package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class GuaranteesMotoIT extends GuaranteesContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
