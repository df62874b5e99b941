import CommentmodCLI

await Commentmod.main()
