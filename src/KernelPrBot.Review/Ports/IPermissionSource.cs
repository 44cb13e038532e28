using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.Ports;

/// <summary>The forge's own answer to "what may this user do in this repository" (slash commands are authorized by it).</summary>
public interface IPermissionSource
{
    Task<RepositoryPermission> GetPermissionAsync(Change change, string login, CancellationToken cancellationToken = default);
}
