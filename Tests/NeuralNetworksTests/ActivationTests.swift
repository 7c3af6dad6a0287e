import NeuralNetworks
import TensorCore
import Testing

@Suite struct ActivationTests {
    @Test(arguments: Activation.catalogue + [.leakyReLU(slope: 0.2), .elu(alpha: 0.5)])
    func derivativeMatchesFiniteDifferences(_ f: Activation) {
        for x in smoothPoints {
            let analytic = f.derivative(x)
            let numeric = centralDifference({ f($0) }, at: x)
            #expect(abs(analytic - numeric) <= 1e-7 * max(1, abs(analytic)),
                    "\(f.name) at \(x): analytic \(analytic), numeric \(numeric)")
        }
    }

    @Test(arguments: Activation.catalogue)
    func tensorVersionsMatchScalarVersions(_ f: Activation) {
        let x = Tensor(shape: [3, 4], scalars: Array(smoothPoints.prefix(12)))
        #expect(f(x).shape == [3, 4])
        #expect(f(x).scalars == x.scalars.map { f($0) })
        #expect(f.derivative(x).scalars == x.scalars.map { f.derivative($0) })
    }

    @Test func knownValues() {
        #expect(Activation.step(0) == 0 && Activation.step(0.1) == 1 && Activation.step(-3) == 0)
        #expect(Activation.sign(-2) == -1 && Activation.sign(0) == 0 && Activation.sign(5) == 1)
        #expect(Activation.step.derivative(1) == 0 && Activation.sign.derivative(-1) == 0)
        #expect(Activation.sigmoid(0) == 0.5)
        #expect(Activation.relu(-1) == 0 && Activation.relu(2) == 2)
        #expect(Activation.leakyReLU(slope: 0.1)(-2) == -0.2)
        #expect(abs(Activation.elu(alpha: 1)(-1) - (exp(-1.0) - 1)) < 1e-15)
        #expect(abs(Activation.softplus(0) - log(2.0)) < 1e-15)
        #expect(Activation.softsign(1) == 0.5)
        #expect(abs(Activation.swish(1) - 1 / (1 + exp(-1.0))) < 1e-15)
    }

    @Test func stableForLargeArguments() {
        #expect(Activation.sigmoid(-1000) == 0 && Activation.sigmoid(1000) == 1)
        #expect(Activation.sigmoid(-40) > 0)
        #expect(Activation.softplus(1000) == 1000 && Activation.softplus(-1000) == 0)
        #expect(Activation.logSigmoid(-1000) == -1000 && Activation.logSigmoid(1000) == 0)
        #expect(abs(Activation.logSigmoid(-800) + 800) < 1e-9)
        for f in Activation.catalogue {
            for x in [-1000.0, -50, 50, 1000] {
                #expect(f(x).isFinite && f.derivative(x).isFinite, "\(f.name) at \(x)")
            }
        }
    }

    @Test func catalogueHasNamesAndFormulas() {
        #expect(Activation.catalogue.count == 13)
        #expect(Activation.sigmoid.formula == "σ(x) = 1 / (1 + e⁻ˣ)")
        for f in Activation.catalogue {
            #expect(!f.name.isEmpty && f.formula.contains("="))
        }
        #expect(Set(Activation.catalogue.map(\.name)).count == 13)
    }
}
