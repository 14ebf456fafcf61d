from .aspect_adversary import AspectAdversary, MultiLabelAspectAdversary, batch_mean_ap

__all__ = ['AspectAdversary', 'MultiLabelAspectAdversary', 'batch_mean_ap']
