package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class LogsMotoIT extends LogsContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
