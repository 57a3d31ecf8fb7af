package dev.schemabench.service;

/** The service contract over the jsonb design. */
class JsonbServiceIT extends ServiceContractIT {

    @Override
    String designName() {
        return "jsonb";
    }
}
