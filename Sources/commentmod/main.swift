import CommentmodCLI
import Foundation

exit(await Commentmod.run(arguments: Array(CommandLine.arguments.dropFirst())))
