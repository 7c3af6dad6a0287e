import NeuralNetworks
import Testing

/// The counts are torchvision's (`sum(p.numel() for p in model.parameters())`), and Keras's
/// `VGG16(include_top=False)` for VGG-16's convolutions: a wrong block, a missing projection or
/// batch normalization counted once instead of twice changes them.
@Suite("Published architectures: parameter counts from the layer lists")
struct PublishedArchitecturesTests {
    @Test("VGG-16: 14,714,688 in its convolutions, 138,357,544 in all")
    func vgg16() {
        let vgg = PublishedArchitectures.vgg16
        #expect(vgg.convolutional == 14_714_688)
        #expect(vgg.dense == (7 * 7 * 512 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000))
        #expect(vgg.total == 138_357_544)
    }

    @Test("ResNet-50, -101 and -152: 25,557,032, 44,549,160 and 60,192,808, each with a 2048 → 1000 dense layer")
    func resnets() {
        #expect(PublishedArchitectures.bottleneckResNet(blocksPerStage: [3, 4, 6, 3]).total == 25_557_032)
        #expect(PublishedArchitectures.bottleneckResNet(blocksPerStage: [3, 4, 23, 3]).total == 44_549_160)
        let resnet152 = PublishedArchitectures.resnet152
        #expect(resnet152.total == 60_192_808)
        #expect(resnet152.dense == 2048 * 1000 + 1000)
    }
}
