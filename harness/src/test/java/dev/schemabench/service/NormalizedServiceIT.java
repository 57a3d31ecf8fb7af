package dev.schemabench.service;

/** The service contract over the normalized design. */
class NormalizedServiceIT extends ServiceContractIT {

    @Override
    String designName() {
        return "normalized";
    }
}
