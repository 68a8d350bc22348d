package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class ExportMotoIT extends ExportContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
