package partnerhub.entrypoints;

import partnerhub.emulator.Emulator;
import partnerhub.emulator.MotoServer;

class KeyRotationMotoIT extends KeyRotationContract {

    @Override
    Emulator emulator() {
        return MotoServer.shared();
    }
}
